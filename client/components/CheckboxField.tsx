import { type ReactNode, useId } from 'react'

export interface CheckboxFieldProps {
  checked: boolean
  label: string
  /** Shown under the label and read out with the checkbox. */
  hint: ReactNode
  name?: string
  disabled?: boolean
  /** An on/off switch (the switch role, read out as on/off) rather than a checkbox. */
  asSwitch?: boolean
  testId?: string
  onChange: (checked: boolean) => void
}

/** A checkbox with its label beside it and a hint underneath that describes it. */
export function CheckboxField(props: CheckboxFieldProps) {
  const id = useId()
  return (
    <div className="tk-toggle">
      <input
        id={id}
        type="checkbox"
        role={props.asSwitch ? 'switch' : undefined}
        name={props.name}
        checked={props.checked}
        aria-checked={props.asSwitch ? props.checked : undefined}
        disabled={props.disabled}
        aria-describedby={`${id}-hint`}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      <p id={`${id}-hint`} className="tk-muted">
        {props.hint}
      </p>
    </div>
  )
}
