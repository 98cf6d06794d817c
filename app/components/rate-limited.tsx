export function RateLimited({ minutes }: { minutes: number }) {
  return (
    <div className="notice notice--demo" role="alert">
      <h2>Please wait a little</h2>
      <p>
        We have had many sign-ups from your connection or for this address in a short time. Please try again in about{' '}
        {minutes === 1 ? 'a minute' : `${minutes} minutes`}. Nothing you sent before is lost.
      </p>
    </div>
  )
}
