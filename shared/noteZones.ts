/**
 * The zone of a note: one rule for the snapshot (each note's `zone`, hence the exports), the
 * voting rounds scoped to a zone (which notes the server takes votes on) and the client's vote
 * controls. A shape's page position is its x/y plus those of the shapes it is nested in; its zone
 * is the smallest valid category zone holding its centre (shared/zones.ts). Title zones are no
 * zone of any note.
 */
import { ZONE_SHAPE_TYPE, ZoneShapeProps } from './canvasShapes.js'
import { type Point, rectCenter, type ZoneArea, zoneAt } from './zones.js'

/** What the rule needs of a shape: a stored record, a validated one and a tldraw shape all fit. */
export interface PlacedShape {
  readonly id: string
  readonly type?: unknown
  readonly parentId?: unknown
  readonly x?: unknown
  readonly y?: unknown
  readonly props?: unknown
}

export interface Size {
  w: number
  h: number
}

/** The zones of one set of shapes, worked out once for asking about many notes. */
export interface NoteZones {
  /** The valid category zones, in page coordinates. */
  readonly zones: readonly ZoneArea[]
  /** A shape's top-left corner on the page. */
  pagePosition(shape: PlacedShape): Point
  /** The zone a shape of `size` lies in (by default the w/h of its props), or null outside all. */
  zoneOf(shape: PlacedShape, size?: Size): ZoneArea | null
}

const numberOr0 = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0)

/** The w/h of a shape's props; 0 for what it lacks. */
export function propsSize(shape: PlacedShape): Size {
  const { w, h } = (shape.props ?? {}) as { w?: unknown; h?: unknown }
  return { w: numberOr0(w), h: numberOr0(h) }
}

/** Reads the zones of `shapes` (every shape of a board or page: parents place their children). */
export function noteZones(shapes: Iterable<PlacedShape>): NoteZones {
  const byId = new Map<string, PlacedShape>()
  for (const shape of shapes) byId.set(shape.id, shape)

  const pagePosition = (shape: PlacedShape): Point => {
    let x = numberOr0(shape.x)
    let y = numberOr0(shape.y)
    const seen = new Set([shape.id])
    let parent = typeof shape.parentId === 'string' ? byId.get(shape.parentId) : undefined
    while (parent && !seen.has(parent.id)) {
      seen.add(parent.id)
      x += numberOr0(parent.x)
      y += numberOr0(parent.y)
      parent = typeof parent.parentId === 'string' ? byId.get(parent.parentId) : undefined
    }
    return { x, y }
  }

  const zones: ZoneArea[] = []
  for (const shape of byId.values()) {
    if (shape.type !== ZONE_SHAPE_TYPE) continue
    const props = ZoneShapeProps.safeParse(shape.props)
    if (!props.success || props.data.kind !== 'category') continue
    zones.push({
      id: shape.id,
      category: props.data.category,
      ...pagePosition(shape),
      w: props.data.w,
      h: props.data.h,
    })
  }

  return {
    zones,
    pagePosition,
    zoneOf: (shape, size = propsSize(shape)) => zoneAt(rectCenter({ ...pagePosition(shape), ...size }), zones),
  }
}
