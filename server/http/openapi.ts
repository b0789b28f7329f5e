import fastifySwagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { Board, ErrorBody } from '../../shared/api.js'
import { Problem } from '../../shared/problems.js'
import { BoardSnapshot } from '../../shared/snapshot.js'
import { BOARD_TOKEN_SCHEME } from './boardAccess.js'

export const OPENAPI_PATH = '/api/openapi.json'
/** Version of the API the document describes; raise it when a route changes incompatibly. */
const API_VERSION = '1'

/**
 * The answers every API route documents besides its own: a JSON error body for 4xx and 5xx.
 * Spread into a route's `schema.response`.
 */
export const ERROR_RESPONSES = { '4xx': ErrorBody, '5xx': ErrorBody } as const

/** Shared schemas that appear once under components.schemas and are referenced from routes. */
const namedSchemas = z.registry<{ id: string }>()
namedSchemas.add(Board, { id: 'Board' })
namedSchemas.add(BoardSnapshot, { id: 'BoardSnapshot' })
namedSchemas.add(ErrorBody, { id: 'ErrorBody' })
namedSchemas.add(Problem, { id: 'Problem' })

/**
 * Collects every route registered after this call into an OpenAPI 3.1 document built from the
 * routes' zod schemas, and serves it at GET /api/openapi.json. Routes with `schema.hide` (the
 * client's pages and files) are left out. Register it after @fastify/websocket.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // @fastify/websocket hides its routes from the document; the sync endpoint is part of the API
  // (a GET that upgrades), so it is listed. Runs after the websocket plugin's own onRoute hook.
  app.addHook('onRoute', (route) => {
    if (route.websocket && route.schema?.hide) route.schema = { ...route.schema, hide: false }
  })
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tilannekuva API',
        description: 'Boards, their situational picture, and the y-websocket sync endpoint.',
        version: API_VERSION,
      },
      components: {
        securitySchemes: {
          [BOARD_TOKEN_SCHEME]: {
            type: 'http',
            scheme: 'bearer',
            description: 'A capability token of the board (facilitator, edit or view), from POST /api/boards.',
          },
        },
      },
    },
    transform: createJsonSchemaTransform({ schemaRegistry: namedSchemas }),
    transformObject: createJsonSchemaTransformObject({ schemaRegistry: namedSchemas }),
  })
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger())
}
