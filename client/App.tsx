import { assertNever } from '../shared/assertNever.js'
import { ErrorPage } from './components/ErrorPage.js'
import { useT } from './i18n/index.js'
import { BoardPage } from './pages/BoardPage.js'
import { HomePage } from './pages/HomePage.js'
import type { Route } from './routes.js'

/** Picks the page for the route; each page is its own module. */
export function App({ route }: { route: Route }) {
  const t = useT()
  switch (route.kind) {
    case 'home':
      return <HomePage />
    case 'board':
      return <BoardPage boardId={route.boardId} />
    case 'notFound':
      return <ErrorPage title={t('error.pageNotFound.title')} body={t('error.pageNotFound.body')} />
    default:
      return assertNever(route, 'route')
  }
}
