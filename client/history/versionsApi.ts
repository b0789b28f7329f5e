/** The version history API as the history panel uses it (routes: shared/versions.ts). */
import { type ApiResult, boardRequest } from '../api.js'
import { ChangesResponse, RestoreResponse, VersionSummary, VersionsResponse } from '../../shared/versions.js'

export function fetchVersions(boardId: string, token: string): Promise<ApiResult<VersionsResponse>> {
  return boardRequest(boardId, 'versions', { token }, VersionsResponse)
}

export function createNamedVersion(boardId: string, token: string, name: string): Promise<ApiResult<VersionSummary>> {
  return boardRequest(boardId, 'versions', { method: 'POST', token, body: { name } }, VersionSummary)
}

export function restoreVersion(boardId: string, token: string, versionId: string): Promise<ApiResult<RestoreResponse>> {
  return boardRequest(
    boardId,
    `versions/${encodeURIComponent(versionId)}/restore`,
    { method: 'POST', token },
    RestoreResponse,
  )
}

/** What changed from a version to another, or to the live board (`to` 'live'). */
export function fetchChanges(
  boardId: string,
  token: string,
  from: string,
  to: string,
): Promise<ApiResult<ChangesResponse>> {
  const query = new URLSearchParams({ from, to })
  return boardRequest(boardId, `changes?${query}`, { token }, ChangesResponse)
}

/** A version's Yjs state, to show it on a canvas of its own; null when it could not be read. */
export async function fetchVersionState(boardId: string, token: string, versionId: string): Promise<Uint8Array | null> {
  try {
    const response = await fetch(
      `/api/boards/${encodeURIComponent(boardId)}/versions/${encodeURIComponent(versionId)}/state`,
      { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' },
    )
    if (!response.ok) return null
    return new Uint8Array(await response.arrayBuffer())
  } catch {
    return null
  }
}
