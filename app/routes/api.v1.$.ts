import { apiError } from '~/api/responses.server'

// Any other address under /api/v1: a JSON 404, never the HTML error page.
const notFound = () => apiError(404, 'not_found', 'No such API address. The API is described at /api/v1/openapi.json.')

export const loader = notFound
export const action = notFound
