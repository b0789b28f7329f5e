/**
 * The category tools in tldraw's UI: each a toolbar item with the category's symbol, its
 * translated name ("Note: Strength", via tldraw's translations) and a shortcut, Alt+1…8 in the
 * categories' order (tldraw uses no Alt+digit; its plain digits pick toolbar items by place).
 */
import type { TLUiOverrides } from 'tldraw'
import { type CategoryId, getCategory } from '../../shared/categories.js'
import { categoryToolId, TOOL_CATEGORIES } from './noteTool.js'

/** The key of a category tool's name in tldraw's translations. */
export const categoryToolLabel = (category: CategoryId) => `tool.${categoryToolId(category)}`

/** A category tool's shortcut, as tldraw writes shortcuts. */
export const categoryToolKbd = (category: CategoryId) => `alt+${TOOL_CATEGORIES.indexOf(category) + 1}`

/** Adds the category tools to tldraw's tools (the shortcuts are registered from these). */
export const addCategoryTools: NonNullable<TLUiOverrides['tools']> = (editor, tools) => {
  for (const category of TOOL_CATEGORIES) {
    const id = categoryToolId(category)
    const { icon, hex } = getCategory(category)
    tools[id] = {
      id,
      label: categoryToolLabel(category),
      icon: (
        <div className="tk-tool-icon" style={{ borderBottomColor: hex }}>
          {icon}
        </div>
      ),
      kbd: categoryToolKbd(category),
      onSelect: () => editor.setCurrentTool(id),
    }
  }
  return tools
}
