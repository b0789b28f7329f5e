import { lazy, Suspense } from 'react'
import { assertNever } from '../shared/assertNever.js'
import { ErrorPage } from './components/ErrorPage.js'
import { LoadingScreen } from './components/LoadingScreen.js'
import { useT } from './i18n/index.js'
import { HomePage } from './pages/HomePage.js'
import type { Route } from './routes.js'

// Its own chunk: the home page never downloads the board page (nor, through it, the canvas).
const BoardPage = lazy(() => import('./pages/BoardPage.js').then((module) => ({ default: module.BoardPage })))

/** Picks the page for the route; each page is its own module. */
export function App({ route }: { route: Route }) {
  const t = useT()
  switch (route.kind) {
    case 'home':
      return <HomePage />
    case 'board':
      return (
        <Suspense fallback={<LoadingScreen message={t('board.loading')} />}>
          <BoardPage boardId={route.boardId} />
        </Suspense>
      )
    case 'joinInvalid':
      return <ErrorPage title={t('error.joinInvalid.title')} body={t('error.joinInvalid.body')} />
    case 'notFound':
      return <ErrorPage title={t('error.pageNotFound.title')} body={t('error.pageNotFound.body')} />
    default:
      return assertNever(route, 'route')
  }
}
