/**
 * Changing a draft: every change is a function of the previous draft (so two quick changes never
 * overwrite each other), and sections that start as null get their empty form on first answer.
 */
import type {
  Detention,
  Interrogation,
  Medical,
  Paperwork,
  ReportDraft,
  Search,
  Torture,
  When,
} from "../../shared/report/model";

export type Update = (change: (draft: ReportDraft) => ReportDraft) => void;

export const unknownWhen = (): When => ({ precision: "unknown", value: null });

export const emptyPaperwork = (): Paperwork => ({
  detentionRecord: "unknown",
  warrant: "unknown",
  inventory: "unknown",
  familyNotified: "unknown",
  chargesTold: "unknown",
  lawyerAllowed: "unknown",
});

const EMPTY = {
  detention: (): Detention => ({
    when: unknownWhen(),
    takenTo: null,
    paperwork: emptyPaperwork(),
    releasedAt: null,
    whereaboutsUnknown: false,
  }),
  search: (): Search => ({
    start: unknownWhen(),
    end: null,
    warrantShown: "unknown",
    itemsSeized: null,
    inventoryGiven: "unknown",
    present: null,
  }),
  interrogation: (): Interrogation => ({
    start: unknownWhen(),
    hours: null,
    atNight: "unknown",
    investigators: null,
    lawyerPresent: "unknown",
    breaks: "unknown",
    confessionDemanded: "unknown",
    confessionSigned: "unknown",
    threats: null,
  }),
  torture: (): Torture => ({ methods: [], object: null, details: null }),
  medical: (): Medical => ({ careReceived: "unknown", forensicExam: null, symptoms: null }),
};

type Section = "reporter" | "consent" | "where" | "perpetrators" | keyof typeof EMPTY;
type Fields<S extends Section> = NonNullable<ReportDraft[S]>;

/** The current value of a section, or its empty form. */
export function section<S extends Section>(draft: ReportDraft, name: S): Fields<S> {
  const value = draft[name] as Fields<S> | null;
  return value ?? ((EMPTY as Record<string, () => unknown>)[name]!() as Fields<S>);
}

/** A setter for one field of a section: `setter(update, "search")("itemsSeized", "phone")`. */
export function setter<S extends Section>(update: Update, name: S) {
  return <F extends keyof Fields<S>>(field: F, value: Fields<S>[F]): void =>
    update((draft) => ({ ...draft, [name]: { ...section(draft, name), [field]: value } }));
}

/** Adds or removes one item of a list of strings (ticked kinds, torture methods). */
export function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? (list.includes(item) ? [...list] : [...list, item]) : list.filter((x) => x !== item);
}
