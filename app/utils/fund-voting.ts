// What a shareholder who holds a company only through a fund can do. The fund owns the shares
// and its manager votes them: the holder gets no proxy card and no control number for them. Some
// managers let investors choose the voting policy for their part of certain funds; any investor
// can write to the manager's stewardship team. Kept as data: programs change, so each entry says
// what it covers in general terms and sends the reader to the manager for the details.

export interface PassThroughProgram {
  manager: string
  program: string
  /** Who it is open to and what it covers, in plain words. */
  covers: string
}

export const PASS_THROUGH_PROGRAMS: PassThroughProgram[] = [
  {
    manager: 'BlackRock',
    program: 'BlackRock Voting Choice',
    covers:
      'Lets eligible investors in some BlackRock index funds and ETFs choose among voting policies for their share of the fund’s votes. Open to many institutional clients, and to individual investors in a growing set of funds.',
  },
  {
    manager: 'Vanguard',
    program: 'Vanguard Investor Choice',
    covers: 'Lets individual investors in participating Vanguard index funds pick one of several voting policies, which the fund then applies to their part of its holdings.',
  },
  {
    manager: 'State Street Global Advisors',
    program: 'State Street Proxy Voting Choice',
    covers: 'Lets eligible institutional clients of State Street’s index strategies choose a voting policy for their part of the fund’s holdings.',
  },
]

/** The steps open to a holder through a fund, in order. */
export const FUND_HOLDER_STEPS = [
  'Look up whether your fund’s manager offers a voting choice program for your fund (see the list below), and sign up before the fund’s own deadline, which is earlier than the meeting.',
  'Write to the manager’s investment stewardship team: say which proposal, which meeting, and how you would like the fund to vote. Managers publish how they voted in their Form N-PX each August.',
  'If you also hold shares directly, in a brokerage account, vote those yourself through your broker.',
]
