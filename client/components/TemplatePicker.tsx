import { type BoardTemplateId, TEMPLATES } from '../../shared/templates.js'
import { useLanguage, useT } from '../i18n/index.js'

interface TemplatePickerProps {
  value: BoardTemplateId
  onChange: (template: BoardTemplateId) => void
}

/** The board templates as radio buttons, each with its description. */
export function TemplatePicker({ value, onChange }: TemplatePickerProps) {
  const t = useT()
  const language = useLanguage()
  return (
    <fieldset className="tk-templates" data-testid="template-picker">
      <legend>{t('home.templateLabel')}</legend>
      {TEMPLATES.map((template) => (
        <label key={template.id} className="tk-template" data-selected={template.id === value}>
          <input
            type="radio"
            name="template"
            value={template.id}
            checked={template.id === value}
            aria-describedby={`template-${template.id}-description`}
            onChange={() => onChange(template.id)}
          />
          <span className="tk-template-text">
            <span className="tk-template-name">{template.labels[language]}</span>
            <span id={`template-${template.id}-description`} className="tk-muted">
              {template.descriptions[language]}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
