import type { UpdateKind } from '../db/schema'
import CustomUpdate from './custom-update'
import DeadlineTomorrow from './deadline-tomorrow'
import DeadlineWeek from './deadline-week'
import HowToVote from './how-to-vote'
import MaterialsOut from './materials-out'
import Results from './results'
import type { UpdateEmailProps } from './update-body'

/** One template per kind of campaign update. */
export const updateTemplates: Record<UpdateKind, (props: UpdateEmailProps) => React.ReactElement> = {
  materials_out: MaterialsOut,
  how_to_vote: HowToVote,
  deadline_week: DeadlineWeek,
  deadline_tomorrow: DeadlineTomorrow,
  results: Results,
  custom: CustomUpdate,
}
