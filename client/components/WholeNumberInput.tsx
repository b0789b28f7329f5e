import type { InputHTMLAttributes } from 'react'

export interface WholeNumberInputProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode' | 'step' | 'value' | 'onChange'> {
  min: number
  max: number
  value: string
  /** The text as typed: the caller checks it, so a half-typed number stays in the field. */
  onChange: (value: string) => void
}

/** A number field in steps of one, with the number keypad on a phone. */
export function WholeNumberInput({ value, onChange, ...rest }: WholeNumberInputProps) {
  return (
    <input
      {...rest}
      type="number"
      inputMode="numeric"
      step={1}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  )
}
