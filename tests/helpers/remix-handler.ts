import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { UNSAFE_flatRoutes as flatRoutes } from '@remix-run/dev'
import { type AppLoadContext, createRequestHandler, type ServerBuild } from '@remix-run/node'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import remixConfig from '../../remix.config.js'

// Remix's own request handler in-process, over the app's route modules as vitest loads them:
// what `node build/index.js` runs behind Express, without the Express layer (its guards are
// tested apart) and without a build step. Routes are found as the compiler finds them.

const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../app')

type RouteModule = ServerBuild['routes'][string]['module']

async function loadBuild(): Promise<ServerBuild> {
  const manifest = flatRoutes(APP_DIR, remixConfig.ignoredRouteFiles)
  const entries = [{ id: 'root', file: 'root.tsx', path: '', parentId: undefined, index: undefined }, ...Object.values(manifest)]
  const modules = await Promise.all(entries.map((entry) => import(/* @vite-ignore */ path.join(APP_DIR, entry.file)) as Promise<RouteModule>))
  const routes: ServerBuild['routes'] = {}
  const assetRoutes: ServerBuild['assets']['routes'] = {}
  entries.forEach((entry, i) => {
    const module = modules[i]!
    const route = { id: entry.id, parentId: entry.parentId, path: entry.path, index: entry.index, caseSensitive: undefined }
    routes[entry.id] = { ...route, module }
    assetRoutes[entry.id] = {
      ...route,
      module: `/build/${entry.id}.js`,
      hasAction: 'action' in module,
      hasLoader: 'loader' in module,
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: 'ErrorBoundary' in module,
      imports: [],
    }
  })
  return {
    mode: 'production',
    entry: { module: await import('../../app/entry.server') },
    routes,
    assets: { url: '/build/manifest-test.js', version: 'test', entry: { module: '/build/entry.client.js', imports: [] }, routes: assetRoutes },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    future: { v3_singleFetch: false, unstable_optimizeDeps: false, v3_routeConfig: false, ...remixConfig.future } as ServerBuild['future'],
    isSpaMode: false,
  }
}

/** A function from Request to Response, as the server answers it, over this database. */
export async function createAppHandler(db: Kysely<Database>, options: { clientIp?: string } = {}) {
  const handle = createRequestHandler(await loadBuild(), 'production')
  return (request: Request, context: Partial<AppLoadContext> = {}) => handle(request, { db, cspNonce: 'test-nonce', clientIp: options.clientIp ?? '192.0.2.10', ...context } satisfies AppLoadContext)
}
