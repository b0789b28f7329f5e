import {
  ArrowToolbarItem,
  AssetToolbarItem,
  DefaultToolbar,
  DrawToolbarItem,
  EllipseToolbarItem,
  EraserToolbarItem,
  FrameToolbarItem,
  HandToolbarItem,
  HighlightToolbarItem,
  LaserToolbarItem,
  LineToolbarItem,
  NoteToolbarItem,
  RectangleToolbarItem,
  SelectToolbarItem,
  TextToolbarItem,
  ToolbarItem,
  useEditor,
  useValue,
} from 'tldraw'
import { categoryToolId } from '../editor/noteTool.js'
import { paletteCategories } from '../model/paletteCategories.js'
import { useBoardContext } from './BoardContext.js'

/**
 * tldraw's toolbar with the note tools first: after select and hand come the automatic note and
 * a tool for each of the board's zone categories (the other categories' tools keep their
 * shortcuts and stay in the palette's "more"); the drawing tools follow, as many as fit.
 */
export function BoardToolbar() {
  const editor = useEditor()
  const { board, role } = useBoardContext()
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  const categories = role === 'view' || readonly ? [] : paletteCategories(board.template).main
  return (
    <DefaultToolbar maxItems={8 + categories.length} maxSizePx={470 + 48 * categories.length}>
      <SelectToolbarItem />
      <HandToolbarItem />
      <NoteToolbarItem />
      {categories.map((category) => (
        <ToolbarItem key={category} tool={categoryToolId(category)} />
      ))}
      <ArrowToolbarItem />
      <TextToolbarItem />
      <DrawToolbarItem />
      <EraserToolbarItem />
      <AssetToolbarItem />
      <RectangleToolbarItem />
      <EllipseToolbarItem />
      <LineToolbarItem />
      <HighlightToolbarItem />
      <LaserToolbarItem />
      <FrameToolbarItem />
    </DefaultToolbar>
  )
}
