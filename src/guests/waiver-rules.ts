/**
 * The waiver form's rules, shared by the server's zod schema and the guest page's own checks so the
 * two never disagree. No imports: this file is bundled into the browser as is.
 */

/** Longest legal name accepted on the form. */
export const SIGNER_NAME_MAX = 120;
/** Most minors one guardian can sign for in one submission. */
export const MINORS_MAX = 10;
/** Age at which a person signs for themselves. */
export const ADULT_AGE = 18;

/** An error on one field of the form, by its path (`fullName`, `minors.0.birthDate`). */
export interface FieldError {
  field: string;
  message: string;
}

/** What the form collects. */
export interface WaiverForm {
  fullName: string;
  agree: boolean;
  minors: { fullName: string; birthDate: string }[];
}

/** The dates the rules need: today and the sail's date, both `YYYY-MM-DD` in the vessel's zone. */
export interface WaiverDates {
  today: string;
  sailDate: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` into numbers when it is a real calendar date. */
export function parseIsoDate(s: string): { y: number; m: number; d: number } | undefined {
  const match = ISO_DATE.exec(s);
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d)
    return undefined;
  return { y, m, d };
}

/** Whole years between a birth date and a day (both valid `YYYY-MM-DD`). */
export function ageOn(
  birth: { y: number; m: number; d: number },
  on: { y: number; m: number; d: number },
): number {
  const hadBirthday = on.m > birth.m || (on.m === birth.m && on.d >= birth.d);
  return on.y - birth.y - (hadBirthday ? 0 : 1);
}

/**
 * Characters that show nothing: format characters (`\p{Cf}`: zero-width spaces and joiners,
 * direction marks, the BOM, soft hyphens…) and the Hangul fillers, which Unicode counts as letters
 * though they draw as blanks. A name made of them would be an invisible signature.
 */
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0]/gu;
/** Control characters and line or paragraph separators: a name is one line. */
const BREAKS = /[\p{Cc}\p{Zl}\p{Zp}]/gu;
/** Fewest letters (`\p{L}`, any script) a name must have. */
export const NAME_MIN_LETTERS = 2;

/**
 * A name as it is kept: invisible characters dropped, line breaks and runs of spaces made one
 * space, trimmed. Shared by the page, the waiver and invitations, so all three agree.
 */
export function cleanName(name: string): string {
  return name.replace(INVISIBLE, '').replace(BREAKS, ' ').replace(/\s+/g, ' ').trim();
}

/** How many letters a (cleaned) name has, in any script. */
export function letterCount(name: string): number {
  return name.match(/\p{L}/gu)?.length ?? 0;
}

/** The message for a signer's or minor's name, or undefined when it is fine. */
export function checkName(name: string, who: 'signer' | 'minor'): string | undefined {
  const cleaned = cleanName(name);
  if (cleaned === '') {
    return who === 'signer' ? 'Type your full legal name to sign.' : 'Type the minor’s full name.';
  }
  if (cleaned.length > SIGNER_NAME_MAX) return `Keep the name under ${SIGNER_NAME_MAX} characters.`;
  if (letterCount(cleaned) < NAME_MIN_LETTERS) {
    return who === 'signer'
      ? 'Type your name in letters: at least two of them.'
      : 'Type the minor’s name in letters: at least two of them.';
  }
  return undefined;
}

/** The message for a minor's birth date, or undefined when it is a real past date under 18 on the sail date. */
export function checkMinorBirthDate(birthDate: string, dates: WaiverDates): string | undefined {
  if (birthDate.trim() === '') return 'Give the minor’s date of birth.';
  const birth = parseIsoDate(birthDate.trim());
  if (!birth) return 'Give a real date of birth, like 2015-04-23.';
  if (birthDate.trim() >= dates.today) return 'The date of birth must be in the past.';
  const sail = parseIsoDate(dates.sailDate);
  if (sail && ageOn(birth, sail) >= ADULT_AGE) {
    return `This person will be ${ADULT_AGE} or older on the sail date, so they sign their own waiver.`;
  }
  return undefined;
}

/** Every problem with a filled-in form, one per field; empty when it can be submitted. */
export function validateWaiverForm(form: WaiverForm, dates: WaiverDates): FieldError[] {
  const errors: FieldError[] = [];
  const nameError = checkName(form.fullName, 'signer');
  if (nameError) errors.push({ field: 'fullName', message: nameError });
  if (form.agree !== true) {
    errors.push({ field: 'agree', message: 'Tick the box to agree to the waiver.' });
  }
  if (form.minors.length > MINORS_MAX) {
    errors.push({ field: 'minors', message: `One guardian can sign for at most ${MINORS_MAX} minors.` });
  }
  form.minors.forEach((minor, i) => {
    const n = checkName(minor.fullName, 'minor');
    if (n) errors.push({ field: `minors.${i}.fullName`, message: n });
    const b = checkMinorBirthDate(minor.birthDate, dates);
    if (b) errors.push({ field: `minors.${i}.birthDate`, message: b });
  });
  return errors;
}
