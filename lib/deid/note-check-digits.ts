// Check digits and number rules of structured identifiers. They tell an identifier from a lab value
// or a dose of the same shape, and name its kind; each rule cites where it is defined.

const digitsOf = (value: string) => value.replace(/\D/g, "");

/** Luhn (ISO/IEC 7812-1 Annex B): payment cards, IMEI, NPI, Canadian SIN. */
export function passesLuhn(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length < 2) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** マイナンバー (個人番号): 11 digits and a check digit (総務省令第85号 第5条). */
export function isMyNumber(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length !== 12) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n += 1) sum += Number(digits[11 - n]) * (n <= 6 ? n + 1 : n - 5);
  const remainder = sum % 11;
  return Number(digits[11]) === (remainder <= 1 ? 0 : 11 - remainder);
}

/** NHS number: 10 digits, modulus 11 with weights 10…2 (NHS Data Dictionary). */
export function isNhsNumber(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length !== 10) return false;
  let sum = 0;
  for (let index = 0; index < 9; index += 1) sum += Number(digits[index]) * (10 - index);
  const check = 11 - (sum % 11);
  return check !== 10 && Number(digits[9]) === (check === 11 ? 0 : check);
}

/** US Social Security number: area 001–899 but not 666, group 01–99, serial 0001–9999 (SSA). */
export function isSocialSecurityNumber(value: string): boolean {
  const match = /^(\d{3})[- ]?(\d{2})[- ]?(\d{4})$/.exec(value.trim());
  if (!match) return false;
  const area = Number(match[1]);
  return area > 0 && area < 900 && area !== 666 && match[2] !== "00" && match[3] !== "0000";
}

/** DEA registration number: two letters, six digits and a check digit (21 CFR 1301; DEA checksum). */
export function isDeaNumber(value: string): boolean {
  const match = /^[A-Z]{2}(\d{7})$/i.exec(value.trim());
  if (!match) return false;
  const d = match[1]!.split("").map(Number);
  return (d[0]! + d[2]! + d[4]! + 2 * (d[1]! + d[3]! + d[5]!)) % 10 === d[6];
}

/** IBAN: country, check digits, account; mod 97 = 1 (ISO 13616). */
export function isIban(value: string): boolean {
  const compact = value.replace(/\s/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const code = /\d/.test(character) ? character : String(character.charCodeAt(0) - 55);
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
