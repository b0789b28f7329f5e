import { create } from 'qrcode'
import { describe, expect, it } from 'vitest'
import { qrPath } from '../../client/share/qrCode.js'

/** Paints the path's rectangles (M x y h w v1 h-w z) back into a grid of modules. */
function paint(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false))
  for (const match of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, width] = [Number(match[1]), Number(match[2]), Number(match[3])]
    for (let col = x; col < x + width; col++) grid[y]![col] = true
  }
  return grid
}

describe('the presenter view QR code', () => {
  it('draws exactly the dark modules of the join link, inside a four-module quiet zone', () => {
    const link = 'https://tilannekuva.example.fi/j/TCMS-8M6A-N7K9'
    const { size, path } = qrPath(link)
    const { modules } = create(link, { errorCorrectionLevel: 'M' })
    expect(size).toBe(modules.size + 8)
    const grid = paint(path, size)
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        const inside = row >= 4 && col >= 4 && row < size - 4 && col < size - 4
        expect(grid[row]![col]).toBe(inside ? Boolean(modules.get(row - 4, col - 4)) : false)
      }
    }
  })
})
