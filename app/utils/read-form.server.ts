import { json } from '@remix-run/node'
import { NUL } from '../schemas/fields'
import { MAX_BODY_BYTES } from './http-guards.server'

/** No field takes a NUL byte (a browser never sends one, and PostgreSQL refuses it in text). */
export function nulRefused(field: string) {
  return json(
    { error: 'invalid_characters', field, message: `The field “${field.replaceAll(NUL, '')}” contains a NUL character (%00), which no form takes: remove it and send the form again.` },
    { status: 400 },
  )
}

/**
 * request.formData() with a size limit: a body over MAX_BODY_BYTES is refused with a 413 and a
 * JSON body, whether or not it declared its length. (The Express guard refuses it earlier; this
 * keeps actions safe when called some other way.)
 */
export async function readForm(request: Request): Promise<FormData> {
  const tooLarge = () => json({ error: 'body_too_large', message: `Forms are limited to ${MAX_BODY_BYTES / 1024} KB.` }, { status: 413 })
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > MAX_BODY_BYTES) throw tooLarge()
  const body = await request.text()
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw tooLarge()
  const type = request.headers.get('content-type') ?? ''
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw json({ error: 'unsupported_media_type', message: 'Send the form as application/x-www-form-urlencoded.' }, { status: 415 })
  }
  const form = new FormData()
  for (const [name, value] of new URLSearchParams(body)) {
    if (name.includes(NUL) || value.includes(NUL)) throw nulRefused(name)
    form.append(name, value)
  }
  return form
}
