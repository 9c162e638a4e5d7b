/**
 * The body diagram's regions (issue 17): the places the Istanbul Protocol's documentation of injuries
 * and the seed letter's methods call for (wrists for handcuffs, soles for beating of the feet, eyes
 * and ears, genitals, fingers) exist on the right view, and each has a name in every catalog.
 */
import { describe, expect, it } from "vitest";

import en from "../i18n/locales/en.json";
import kk from "../i18n/locales/kk.json";
import ru from "../i18n/locales/ru.json";
import { nearestRegion, regionOf, regions } from "./bodyRegions";

const ids = (side: "front" | "back") => regions(side).map((r) => r.id);

describe("the body diagram's regions", () => {
  it("has wrists, fingers and ears on both views, eyes and genitals from the front, soles from the back", () => {
    for (const side of ["front", "back"] as const)
      expect(ids(side)).toEqual(
        expect.arrayContaining(["left_wrist", "right_wrist", "left_fingers", "right_fingers", "left_ear", "right_ear"]),
      );
    expect(ids("front")).toEqual(expect.arrayContaining(["left_eye", "right_eye", "genitals"]));
    expect(ids("back")).toEqual(expect.arrayContaining(["left_sole", "right_sole"]));
    expect(regionOf("back", "left_eye")).toBeUndefined();
    expect(regionOf("front", "left_sole")).toBeUndefined();
    expect(regionOf("back", "genitals")).toBeUndefined();
  });

  it("keeps every region id of v1 reports, so injuries already reported still show", () => {
    for (const id of ["head", "chest", "left_upper_arm", "right_forearm", "left_hand", "right_foot", "left_thigh"])
      expect(regionOf("front", id)).toBeDefined();
    for (const id of ["back_upper", "back_lower", "buttocks", "left_foot", "right_lower_leg"])
      expect(regionOf("back", id)).toBeDefined();
  });

  it("has each id once per view, the person's left and right drawn mirrored", () => {
    for (const side of ["front", "back"] as const) expect(new Set(ids(side)).size).toBe(ids(side).length);
    // From the front the person's right eye is on the reader's left, drawn first, not mirrored.
    expect(regionOf("front", "right_eye")).toMatchObject({ mirrored: false });
    expect(regionOf("front", "left_eye")).toMatchObject({ mirrored: true });
    expect(nearestRegion("back", 79, 441).id).toBe("left_sole");
  });

  it("names every region in Russian, Kazakh and English", () => {
    const all = new Set([...ids("front"), ...ids("back")]);
    for (const catalog of [ru, kk, en]) expect(Object.keys(catalog.regions).sort()).toEqual([...all].sort());
  });

  it("calls the upper arm so, not the shoulder ('плечо', 'иық')", () => {
    expect(ru.regions.left_upper_arm).toBe("Левая рука выше локтя");
    expect(kk.regions.right_upper_arm).toBe("Оң қол, шынтақтан жоғары");
    expect(en.regions.left_upper_arm).toBe("Left upper arm");
  });

  it("names the forearm and lower leg in words a rural reader knows ('предплечье' is often taken for the shoulder)", () => {
    expect(ru.regions.left_forearm).toBe("Левая рука ниже локтя");
    expect(ru.regions.right_lower_leg).toBe("Правая нога ниже колена");
    expect(Object.values(ru.regions).join(" ")).not.toMatch(/плеч|голен/i);
  });
});
