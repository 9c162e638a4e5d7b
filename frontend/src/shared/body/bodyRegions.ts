/**
 * The body diagram's regions: one figure 200 x 460 units, seen from the front (the person faces
 * the reader, so the reader's left is the person's right) and from the back. Limbs are drawn on
 * the reader's left and mirrored.
 */
import type { BodySide } from "../report/model";

export const WIDTH = 200;
export const HEIGHT = 460;

type Shape = { ellipse: [cx: number, cy: number, rx: number, ry: number] } | { path: string };

interface Part {
  key: string;
  shape: Shape;
  /** Where a marker goes when the part is chosen from the list. */
  centre: [number, number];
  /** True for limbs, eyes and ears: drawn twice, once mirrored. */
  paired: boolean;
  /** The views it is seen in (both when absent): eyes from the front, soles from the back. */
  views?: BodySide[];
}

// Drawing order is list order: a small part (an eye, a wrist) comes after the part it lies on, so a
// tap on it finds it first.
const PARTS: Part[] = [
  { key: "head", shape: { ellipse: [100, 34, 22, 27] }, centre: [100, 34], paired: false },
  { key: "eye", shape: { ellipse: [91, 30, 5, 3.5] }, centre: [91, 30], paired: true, views: ["front"] },
  { key: "ear", shape: { ellipse: [79, 36, 3.5, 7] }, centre: [79, 36], paired: true },
  { key: "neck", shape: { path: "M90 62H110V78H90Z" }, centre: [100, 70], paired: false },
  {
    key: "torso_upper",
    shape: { path: "M70 80H130Q144 82 146 96L140 150H60L54 96Q56 82 70 80Z" },
    centre: [100, 115],
    paired: false,
  },
  { key: "torso_lower", shape: { path: "M60 153H140L138 206H62Z" }, centre: [100, 180], paired: false },
  {
    key: "pelvis",
    shape: { path: "M62 209H138L142 246Q122 258 100 258Q78 258 58 246Z" },
    centre: [100, 232],
    paired: false,
  },
  { key: "genitals", shape: { ellipse: [100, 247, 9, 8] }, centre: [100, 247], paired: false, views: ["front"] },
  { key: "upper_arm", shape: { path: "M52 92Q40 94 36 110L30 166H48L54 122Z" }, centre: [43, 130], paired: true },
  { key: "forearm", shape: { path: "M30 169H48L44 232H24Z" }, centre: [36, 200], paired: true },
  { key: "wrist", shape: { path: "M25 224H45L44 236H24Z" }, centre: [34, 230], paired: true },
  { key: "hand", shape: { ellipse: [33, 251, 12, 16] }, centre: [33, 251], paired: true },
  { key: "fingers", shape: { ellipse: [33, 261, 10, 6] }, centre: [33, 261], paired: true },
  { key: "thigh", shape: { path: "M58 250Q78 262 97 262L95 344H67Z" }, centre: [80, 300], paired: true },
  { key: "lower_leg", shape: { path: "M67 348H95L91 420H71Z" }, centre: [81, 384], paired: true },
  { key: "foot", shape: { path: "M71 424H91L95 446H61Q61 432 71 424Z" }, centre: [80, 436], paired: true },
  {
    key: "sole",
    shape: { path: "M66 434H92L95 446H61Q61 438 66 434Z" },
    centre: [79, 441],
    paired: true,
    views: ["back"],
  },
];

const CENTRAL: Record<BodySide, Record<string, string>> = {
  front: {
    head: "head",
    neck: "neck",
    torso_upper: "chest",
    torso_lower: "abdomen",
    pelvis: "pelvis",
    genitals: "genitals",
  },
  back: { head: "head", neck: "neck", torso_upper: "back_upper", torso_lower: "back_lower", pelvis: "buttocks" },
};

export interface Region {
  /** The region id stored in the report ("left_forearm", "chest"). */
  id: string;
  shape: Shape;
  /** Mirrored to the reader's right. */
  mirrored: boolean;
  centre: [number, number];
}

/** The person's side drawn on the reader's left: their right from the front, their left from the back. */
const readerLeft = (side: BodySide): "left" | "right" => (side === "front" ? "right" : "left");
const other = (lr: "left" | "right"): "left" | "right" => (lr === "left" ? "right" : "left");

/** Every region of one view, in drawing order. */
export function regions(side: BodySide): Region[] {
  return PARTS.flatMap((part): Region[] => {
    if (part.views && !part.views.includes(side)) return [];
    if (!part.paired)
      return [{ id: CENTRAL[side][part.key]!, shape: part.shape, mirrored: false, centre: part.centre }];
    const [x, y] = part.centre;
    return [
      { id: `${readerLeft(side)}_${part.key}`, shape: part.shape, mirrored: false, centre: [x, y] },
      { id: `${other(readerLeft(side))}_${part.key}`, shape: part.shape, mirrored: true, centre: [WIDTH - x, y] },
    ];
  });
}

/** The region whose centre is nearest a point (for a tap between two parts). */
export function nearestRegion(side: BodySide, x: number, y: number): Region {
  const all = regions(side);
  const distance = (r: Region): number => (r.centre[0] - x) ** 2 + (r.centre[1] - y) ** 2;
  return all.reduce((best, r) => (distance(r) < distance(best) ? r : best), all[0]!);
}

/** Whether a region id belongs to a view (chest and eyes front only, buttocks and soles back only...). */
export function regionOf(side: BodySide, id: string): Region | undefined {
  return regions(side).find((r) => r.id === id);
}
