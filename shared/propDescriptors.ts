/**
 * Shape props declared once, as data: a small descriptor per prop, from which this module
 * derives the zod schema the server validates with, and client/model/shapeProps.ts the tldraw
 * validators the store runs. Both read the same descriptors, so they accept the same props.
 */
import { z } from 'zod'
import { assertNever } from './assertNever.js'

export type PropDescriptor =
  | { kind: 'string'; maxLength: number }
  | { kind: 'enum'; values: readonly [string, ...string[]]; nullable: boolean }
  | { kind: 'boolean' }
  /** A safe integer >= 0 (epoch milliseconds). */
  | { kind: 'nonNegativeInt' }
  /** A finite number > 0 (sizes). */
  | { kind: 'positiveNumber' }
  /** An object of string values (a note's category fields). */
  | { kind: 'stringDict' }

export type PropDescriptors = Readonly<Record<string, PropDescriptor>>

/** The value type a descriptor admits. */
export type PropValue<D extends PropDescriptor> = D extends { kind: 'string' }
  ? string
  : D extends { kind: 'enum'; values: readonly (infer V)[]; nullable: infer N }
    ? N extends true
      ? V | null
      : V
    : D extends { kind: 'boolean' }
      ? boolean
      : D extends { kind: 'nonNegativeInt' | 'positiveNumber' }
        ? number
        : D extends { kind: 'stringDict' }
          ? Record<string, string>
          : never

/** The props object a set of descriptors admits. */
export type PropsOf<S extends PropDescriptors> = { -readonly [K in keyof S]: PropValue<S[K]> }

/** Descriptor constructors, so declarations read as a schema. */
export const prop = {
  string: (maxLength: number) => ({ kind: 'string', maxLength }) as const,
  enum: <const V extends readonly [string, ...string[]]>(values: V) =>
    ({ kind: 'enum', values, nullable: false }) as const,
  nullableEnum: <const V extends readonly [string, ...string[]]>(values: V) =>
    ({ kind: 'enum', values, nullable: true }) as const,
  boolean: { kind: 'boolean' } as const,
  nonNegativeInt: { kind: 'nonNegativeInt' } as const,
  positiveNumber: { kind: 'positiveNumber' } as const,
  stringDict: { kind: 'stringDict' } as const,
}

function zodProp(descriptor: PropDescriptor): z.ZodType {
  switch (descriptor.kind) {
    case 'string':
      return z.string().max(descriptor.maxLength)
    case 'enum':
      return descriptor.nullable ? z.enum(descriptor.values).nullable() : z.enum(descriptor.values)
    case 'boolean':
      return z.boolean()
    case 'nonNegativeInt':
      return z.number().int().nonnegative()
    case 'positiveNumber':
      return z.number().positive()
    case 'stringDict':
      return z.record(z.string(), z.string())
    default:
      return assertNever(descriptor)
  }
}

/**
 * The zod schema of a props object: every prop present and valid, no other keys (tldraw's
 * object validators refuse unknown keys too).
 */
export function zodProps<S extends PropDescriptors>(descriptors: S): z.ZodType<PropsOf<S>> {
  const shape = Object.fromEntries(Object.entries(descriptors).map(([key, descriptor]) => [key, zodProp(descriptor)]))
  // Object.fromEntries loses the keys' types; PropValue states what zodProp builds for each kind.
  return z.strictObject(shape) as unknown as z.ZodType<PropsOf<S>>
}
