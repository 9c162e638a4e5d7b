/** Names and places of the seed letter, and Kazakh ones, in Latin letters as ICAO Doc 9303 writes them. */
import { describe, expect, it } from "vitest";

import { latin } from "./translit";

describe("Cyrillic in Latin letters (ICAO Doc 9303)", () => {
  it("writes the seed letter's people as the letter's English text does, where it follows the table", () => {
    expect(latin("Двумар Сейшанло")).toBe("Dvumar Seishanlo");
    expect(latin("Хузова Цундер")).toBe("Khuzova Tsunder");
    expect(latin("Абдукерим Дархан")).toBe("Abdukerim Darkhan");
    expect(latin("Нурдаулетов")).toBe("Nurdauletov");
    // The letter's "Aydir" is not ICAO: й is I in the table
    expect(latin("Масанов Айдыр")).toBe("Masanov Aidyr");
  });

  it("writes the seed letter's villages and district", () => {
    expect(latin("Сортобе")).toBe("Sortobe");
    expect(latin("Булар Батыр")).toBe("Bular Batyr");
    expect(latin("Касык")).toBe("Kasyk");
    expect(latin("Кордайский РОВД")).toBe("Kordaiskii ROVD");
  });

  it("writes every Russian letter by the table, the soft sign left out", () => {
    expect(latin("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")).toBe("abvgdeezhziiklmnoprstufkhtschshshchieyeiuia");
    expect(latin("Юлия Щеглова")).toBe("Iuliia Shcheglova");
    expect(latin("Игорь, Артём, объезд")).toBe("Igor, Artem, obieezd");
  });

  it("writes the Kazakh letters as passports do: ә a, ғ g, қ k, ң n, ө o, ұ u, ү u, һ kh, і i", () => {
    expect(latin("әғқңөұүһі")).toBe("agknouukhi");
    expect(latin("Қордай")).toBe("Kordai");
    expect(latin("Нұрсұлтан Әбішұлы")).toBe("Nursultan Abishuly");
    expect(latin("Өскемен, Ғалым, Үмбетәлі, Жәңгір")).toBe("Oskemen, Galym, Umbetali, Zhangir");
    expect(latin("Шаһизада")).toBe("Shakhizada");
  });

  it("keeps capitals: a name in capitals stays in capitals, an initial is a capital and a small letter", () => {
    expect(latin("ЖАННА ЩЕРБАКОВА")).toBe("ZHANNA SHCHERBAKOVA");
    expect(latin("Жанна")).toBe("Zhanna");
    expect(latin("Ж. Ю. Масанов")).toBe("Zh. Iu. Masanov");
    expect(latin("ЮЛИЯ")).toBe("IULIIA");
    expect(latin("Я")).toBe("Ia");
  });

  it("leaves Latin text, digits and punctuation as they are, in mixed text", () => {
    expect(latin("Kordai district police (Кордайский РОВД), 5 чел.")).toBe(
      "Kordai district police (Kordaiskii ROVD), 5 chel.",
    );
    expect(latin("«палка», 28.04.2020 — “Полиция”!")).toBe("«palka», 28.04.2020 — “Politsiia”!");
    expect(latin("")).toBe("");
    expect(latin("already Latin: Masanov A.")).toBe("already Latin: Masanov A.");
  });

  it("reads a letter written as a base and a combining mark as the letter itself", () => {
    expect(latin("Айдыр".normalize("NFD"))).toBe("Aidyr");
  });
});
