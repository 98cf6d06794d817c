import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { config } from '../../app/config.server'
import { createOrganizer, grantRole, MIN_PASSWORD_LENGTH } from '../../app/models/organizers.server'
import { createDb } from '../client.server'
import { migrateToLatest } from '../migrate'

// npm run organizer:create -- --email ada@example.org [--name "Ada"] [--campaign slug --role owner]
// Asks for the password (not echoed), or reads it from standard input when that is not a terminal.

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, campaign: { type: 'string' }, role: { type: 'string' } } })
const args = z
  .object({
    email: z.string({ required_error: '--email is required' }).email('--email must be an email address'),
    name: z.string().optional(),
    campaign: z.string().optional(),
    role: z.enum(['owner', 'editor', 'viewer'], { errorMap: () => ({ message: '--role is owner, editor or viewer' }) }).default('owner'),
  })
  .safeParse(values)
if (!args.success) {
  console.error(args.error.issues.map((i) => i.message).join('\n'))
  process.exit(1)
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let input = ''
    for await (const chunk of process.stdin) input += chunk
    return input.replace(/\r?\n$/, '')
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(question)
      const mute = (rl as unknown as { _writeToOutput: (s: string) => void })
      mute._writeToOutput = () => {}
      rl.question('', (answer) => {
        process.stdout.write('\n')
        resolve(answer)
      })
    })
  const first = await ask('Password: ')
  const second = await ask('Password again: ')
  rl.close()
  if (first !== second) throw new Error('The two passwords differ.')
  return first
}

const password = await readPassword()
if (password.length < MIN_PASSWORD_LENGTH) {
  console.error(`The password needs at least ${MIN_PASSWORD_LENGTH} characters.`)
  process.exit(1)
}

const database = await createDb(config.database)
try {
  await migrateToLatest(database.db)
  const organizer = await createOrganizer(database.db, { email: args.data.email, password, name: args.data.name })
  console.log(`Created organizer ${organizer.email}.`)
  if (args.data.campaign) {
    const campaign = await database.db.selectFrom('campaigns').select('id').where('slug', '=', args.data.campaign).executeTakeFirst()
    if (!campaign) throw new Error(`No campaign has the slug ${args.data.campaign}.`)
    await grantRole(database.db, { campaignId: campaign.id, organizerId: organizer.id, role: args.data.role })
    console.log(`${organizer.email} is ${args.data.role} of ${args.data.campaign}.`)
  }
} catch (error) {
  console.error((error as Error).message)
  process.exitCode = 1
} finally {
  await database.close()
}
