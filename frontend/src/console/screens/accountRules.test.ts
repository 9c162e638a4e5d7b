import { describe, expect, it } from "vitest";

import en from "../i18n/locales/en.json";
import ru from "../i18n/locales/ru.json";
import { isSignInCode, passwordProblem } from "./accountRules";

describe("a new reviewer's password, checked before it is sent", () => {
  it("is refused when short, blank or one character repeated, with the server's codes", () => {
    expect(passwordProblem("eleven-char")).toBe("password_too_short");
    expect(passwordProblem(" ".repeat(12))).toBe("password_blank");
    expect(passwordProblem("\t \u00a0".repeat(4))).toBe("password_blank");
    expect(passwordProblem("a".repeat(12))).toBe("password_repeated");
    expect(passwordProblem("😀".repeat(12))).toBe("password_repeated");
  });

  it("leaves common passwords to the server, and lets a decent passphrase through", () => {
    expect(passwordProblem("password1234")).toBeNull();
    expect(passwordProblem("amber kettle under ninety")).toBeNull();
  });

  it("has a message in both languages for every rule, the server's own included", () => {
    for (const code of ["password_too_short", "password_blank", "password_repeated", "password_common"]) {
      for (const catalog of [en, ru]) {
        const message = (catalog.errors as Record<string, string | undefined>)[code];
        expect(message, code).toMatch(/\S/);
      }
    }
  });
});

describe("the sign-in's code field", () => {
  it("takes the authenticator's 6 digits or a recovery code, whatever its case and spacing", () => {
    for (const code of ["123456", " 123456 ", "k7qm-2xvd-p4rn-h5tc", "K7QM 2XVD P4RN H5TC", "k7qm2xvdp4rnh5tc"]) {
      expect(isSignInCode(code), code).toBe(true);
    }
  });

  it("refuses what can be neither", () => {
    for (const code of ["", "12345", "1234567", "k7qm-2xvd-p4rn", "k7qm-2xvd-p4rn-h5t1", "k7qm-2xvd-p4rn-h5tcx"]) {
      expect(isSignInCode(code), code).toBe(false);
    }
  });
});
