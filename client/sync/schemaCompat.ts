import type { SerializedSchema, TLStore } from 'tldraw'

/**
 * How a document's stored schema relates to this client's schema:
 * - 'same': records can be used as they are;
 * - 'older': records need migrating up (and the document should be upgraded);
 * - 'newer': written by a newer client (a later version or a record type we do not know);
 *   this client must not write, the user should reload to get the new version.
 */
export type SchemaCompat = 'same' | 'older' | 'newer'

function isSerializedSchema(value: unknown): value is SerializedSchema {
  if (typeof value !== 'object' || value === null) return false
  const version = (value as { schemaVersion?: unknown }).schemaVersion
  if (version === 2) return typeof (value as { sequences?: unknown }).sequences === 'object'
  return version === 1
}

/** Compares the schema stored in a document with the store's own schema. */
export function compareSchema(store: TLStore, stored: unknown): SchemaCompat {
  if (!isSerializedSchema(stored)) return 'newer'
  const ours = store.schema.serialize()
  if (stored.schemaVersion === 2) {
    let isOlder = false
    for (const [sequenceId, theirVersion] of Object.entries(stored.sequences)) {
      const ourVersion = ours.sequences[sequenceId]
      // A sequence we have never heard of belongs to a record type or shape a newer client added.
      if (ourVersion === undefined || theirVersion > ourVersion) return 'newer'
      if (theirVersion < ourVersion) isOlder = true
    }
    // Sequences we have and the document lacks are added by migrating up (tldraw's retroactive ones).
    if (Object.keys(ours.sequences).some((id) => !(id in stored.sequences))) isOlder = true
    if (!isOlder) return 'same'
  }
  // Version 1 schemas predate every tldraw 2+ client. Either way the records must be migrated up;
  // a schema tldraw cannot migrate from is treated like a newer one: never overwrite what we cannot read.
  return store.schema.getMigrationsSince(stored).ok ? 'older' : 'newer'
}
