import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  json,
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createFileUploadHandler as createFileUploadHandler,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
  NodeOnDiskFile,
} from '@remix-run/node'
import { NUL } from '../schemas/fields'
import { nulRefused } from './read-form.server'

// Uploaded filings go to a temporary directory on disk as they arrive (never into memory),
// so a quarter's 13F data set can be uploaded; fields stay small and in memory.

export interface Upload {
  fields: Record<string, string>
  files: Record<string, { path: string; name: string; size: number }>
  /** Deletes the uploaded files: call it once the import is done, whatever its outcome. */
  cleanup: () => Promise<void>
}

export async function readUpload(request: Request, input: { maxBytes: number }): Promise<Upload> {
  const type = request.headers.get('content-type') ?? ''
  if (!type.startsWith('multipart/form-data')) {
    throw json({ error: 'unsupported_media_type', message: 'Send the import form as multipart/form-data.' }, { status: 415 })
  }
  const directory = await mkdtemp(path.join(tmpdir(), 'quorum-upload-'))
  let form: FormData
  try {
    form = await parseMultipartFormData(
      request,
      composeUploadHandlers(
        createFileUploadHandler({ directory, maxPartSize: input.maxBytes, avoidFileConflicts: true, file: ({ filename }) => filename.replace(/[^\w.-]/g, '_') || 'upload' }),
        createMemoryUploadHandler({ maxPartSize: 64 * 1024 }),
      ),
    )
  } catch (error) {
    await rm(directory, { recursive: true, force: true })
    if (error instanceof MaxPartSizeExceededError) {
      throw json({ error: 'file_too_large', message: `Files are limited to ${Math.round(input.maxBytes / 1024 / 1024)} MB each (IMPORT_MAX_MEGABYTES).` }, { status: 413 })
    }
    throw json({ error: 'bad_upload', message: 'The upload could not be read: send the form again.' }, { status: 400 })
  }
  const upload: Upload = { fields: {}, files: {}, cleanup: () => rm(directory, { recursive: true, force: true }) }
  for (const [name, value] of form) {
    if (typeof value === 'string' && (name.includes(NUL) || value.includes(NUL))) {
      await upload.cleanup()
      throw nulRefused(name)
    }
    if (typeof value === 'string') upload.fields[name] = value
    else if (value instanceof NodeOnDiskFile && value.size > 0) upload.files[name] = { path: value.getFilePath(), name: value.name, size: value.size }
  }
  return upload
}
