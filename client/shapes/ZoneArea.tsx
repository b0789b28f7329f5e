import type { CSSProperties } from 'react'
import { HTMLContainer } from 'tldraw'
import { getCategory } from '../../shared/categories.js'
import { useLanguage } from '../i18n/index.js'
import type { ZoneShape } from '../model/shapeProps.js'

/** Colour of a zone that has no category. */
const NEUTRAL = '#868e96'

/** A template zone: a tinted area with its heading, or the board's title area. */
export function ZoneArea({ shape }: { shape: ZoneShape }) {
  const language = useLanguage()
  const { props } = shape
  const size = { width: props.w, height: props.h }

  if (props.kind === 'title') {
    return (
      <HTMLContainer className="tk-zone tk-zone-title" style={size} data-testid="zone-title">
        <div className="tk-zone-title-heading">{props.heading}</div>
        {props.subheading ? <div className="tk-zone-title-subheading">{props.subheading}</div> : null}
      </HTMLContainer>
    )
  }

  const category = props.category ? getCategory(props.category) : null
  const label = props.heading.trim() || (category ? category.pluralLabels[language] : '')
  const style = { ...size, '--tk-category': category?.hex ?? NEUTRAL } as CSSProperties
  return (
    <HTMLContainer className="tk-zone" style={style} data-zone-category={props.category ?? ''}>
      <div className="tk-zone-label">
        {category ? <span aria-hidden="true">{category.icon}</span> : null}
        <span className="tk-zone-name">{label}</span>
      </div>
    </HTMLContainer>
  )
}
