import type { ComponentProps } from 'react'

/** How a button looks: the main action, a secondary one, or one that destroys something. */
export type ButtonVariant = 'primary' | 'secondary' | 'danger'

const VARIANT_CLASSES: Record<ButtonVariant, string> = {
  primary: 'tk-button',
  secondary: 'tk-button tk-button-secondary',
  danger: 'tk-button tk-button-danger',
}

export type ButtonProps = Omit<ComponentProps<'button'>, 'type'> & { variant?: ButtonVariant }

/**
 * A plain button (never a form's submit) in the app's look: `variant` picks the look, a
 * `className` is added to it, and every other prop (ref included) goes to the <button>.
 */
export function Button({ variant = 'primary', className, ...props }: ButtonProps) {
  const classes = className ? `${VARIANT_CLASSES[variant]} ${className}` : VARIANT_CLASSES[variant]
  return <button type="button" className={classes} {...props} />
}
