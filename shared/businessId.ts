/**
 * Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit. The check digit is
 * 11 minus the weighted sum (weights 7 9 10 5 8 4 2) modulo 11; a remainder of 0 gives 0 and a
 * remainder of 1 is never issued.
 */
export function isValidBusinessId(value: string): boolean {
  const match = /^(\d{7})-(\d)$/.exec(value)
  if (!match) return false
  const weights = [7, 9, 10, 5, 8, 4, 2]
  const sum = [...match[1]!].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0)
  const remainder = sum % 11
  if (remainder === 1) return false
  const check = remainder === 0 ? 0 : 11 - remainder
  return check === Number(match[2])
}

/** Statistics Finland municipality codes are three digits (e.g. 179 Jyväskylä). */
export function isValidMunicipalityCode(value: string): boolean {
  return /^\d{3}$/.test(value)
}
