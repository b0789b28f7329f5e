// First: modules below may build zod schemas as they load.
import './zodJitless.js'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import { getLanguage } from './i18n/index.js'
import { parseRoute } from './routes.js'
import './styles.css'

document.documentElement.lang = getLanguage()
const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')
createRoot(root).render(
  <StrictMode>
    <App route={parseRoute(window.location.pathname)} />
  </StrictMode>,
)
