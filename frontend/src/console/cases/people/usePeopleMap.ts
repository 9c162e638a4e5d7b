/**
 * A case's people map as this browser holds it: fetched and opened with the reviewer's key, and saved,
 * sealed to the verified recipient list, after each decision. A save that another reviewer's beat
 * (409 stale_people_map) reloads their map and says so: the reviewer decides again on what is there.
 */
import { useEffect, useState } from "preact/hooks";

import { ApiError } from "../../api";
import { useConsole } from "../../context";
import { openText, sealText } from "../../sealed/text";
import { decide, EMPTY_PEOPLE_MAP, readPeopleMap, type PeopleMapDocument, type PersonPair } from "./peopleMap";

interface Held {
  map: PeopleMapDocument;
  version: number;
  ready: boolean;
}

/** The case's people map, its loading problem, and `decide` to save a reviewer's decision on a pair. */
export function usePeopleMap(caseId: string): Held & {
  problem: unknown;
  saving: boolean;
  decide: (pair: PersonPair, decision: "same" | "different") => Promise<void>;
} {
  const { api, keyring, recipientList } = useConsole();
  const [held, setHeld] = useState<Held>({ map: EMPTY_PEOPLE_MAP, version: 0, ready: false });
  const [problem, setProblem] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const load = async (): Promise<void> => {
    const meta = await api.peopleMap(caseId);
    const map =
      meta.ciphertext === null ? EMPTY_PEOPLE_MAP : readPeopleMap(await openText(meta.ciphertext, keyring.identity()));
    setHeld({ map, version: meta.version, ready: true });
  };

  useEffect(() => {
    setHeld({ map: EMPTY_PEOPLE_MAP, version: 0, ready: false });
    load().catch(setProblem);
  }, [caseId]);

  const decideOn = async (pair: PersonPair, decision: "same" | "different"): Promise<void> => {
    setSaving(true);
    setProblem(null);
    try {
      const next = decide(held.map, pair, decision);
      const sealed = await sealText(JSON.stringify(next), await recipientList());
      const saved = await api.savePeopleMap(caseId, held.version, sealed);
      setHeld({ map: next, version: saved.version, ready: true });
    } catch (error) {
      setProblem(error);
      if (error instanceof ApiError && error.code === "stale_people_map") await load().catch(setProblem);
    } finally {
      setSaving(false);
    }
  };

  return { ...held, problem, saving, decide: decideOn };
}
