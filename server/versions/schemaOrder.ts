/**
 * How a tldraw SerializedSchema (version 2: a version number per migration sequence) relates to
 * another, without loading tldraw on the server: 'older' when it lacks sequences or has lower
 * versions (records written under it migrate up), 'newer' when it has an unknown sequence or a
 * higher version, 'unreadable' when it is no version-2 schema. Mixed (older in one sequence, newer
 * in another) counts as 'newer': what we cannot read must not be written as if we could.
 */
export type SchemaOrder = 'same' | 'older' | 'newer' | 'unreadable'

function sequencesOf(schema: unknown): Record<string, number> | null {
  if (typeof schema !== 'object' || schema === null) return null
  const { schemaVersion, sequences } = schema as { schemaVersion?: unknown; sequences?: unknown }
  if (schemaVersion !== 2 || typeof sequences !== 'object' || sequences === null) return null
  const entries = Object.entries(sequences)
  if (!entries.every(([, version]) => Number.isInteger(version))) return null
  return Object.fromEntries(entries) as Record<string, number>
}

/** Where `schema` stands against `reference` (see SchemaOrder). */
export function compareSchemas(schema: unknown, reference: unknown): SchemaOrder {
  const ours = sequencesOf(schema)
  const theirs = sequencesOf(reference)
  if (!ours || !theirs) return 'unreadable'
  let older = false
  for (const [sequence, version] of Object.entries(ours)) {
    const known = theirs[sequence]
    if (known === undefined || version > known) return 'newer'
    if (version < known) older = true
  }
  if (Object.keys(theirs).some((sequence) => !(sequence in ours))) older = true
  return older ? 'older' : 'same'
}
