/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every compressible file under `dir` that
 * has none or an older one. Returns the compressed files' paths.
 */
export function precompressDir(dir: string): Promise<string[]>
