// Judges the samples of the code-flow plan's loops (a JSR223 Assertion; Parameters says which).
//
//   entry            a code typed on screen-io: 200 "OPEN" ends the loop (entry_state=OPEN). 409
//                    door_busy means the door's previous operation is still being journalled (the
//                    parcel's status is stored a moment before): the sample is relabelled
//                    "... [door busy, retried]", counted as expected, and the loop tries again
//                    after 10 ms, at most 50 times. Anything else fails and ends the loop.
//   status <STATUS>  reservation-manager get while waiting for the parcel's status: STATUS ends the
//                    loop (parcel_status=STATUS), at most 1000 polls; a non-200 fails and ends it.
//
// Both reset the other loop's variables when they end, so the next loop starts fresh.
String[] what = (Parameters ?: '').trim().split(/\s+/)
String code = prev.getResponseCode()
String body = prev.getResponseDataAsString()

if (what[0] == 'entry') {
    int tries = (vars.get('entry_tries') ?: '0') as int
    vars.put('entry_tries', Integer.toString(tries + 1))
    if (code == '200' && body.contains('"state":"OPEN"')) {
        vars.put('entry_state', 'OPEN')
        vars.put('parcel_status', '')
        vars.put('polls', '0')
        return
    }
    if (code == '409' && body.contains('"door_busy"') && tries + 1 < 50) {
        prev.setSampleLabel(prev.getSampleLabel() + ' [door busy, retried]')
        prev.setSuccessful(true)
        Thread.sleep(10)
        return
    }
    vars.put('entry_state', 'FAILED')
    AssertionResult.setFailure(true)
    AssertionResult.setFailureMessage("expected 200 with state OPEN, got ${code} ${body}")
    return
}

if (what[0] == 'status') {
    String wanted = what[1]
    int polls = (vars.get('polls') ?: '0') as int
    vars.put('polls', Integer.toString(polls + 1))
    def status = (body =~ /"status"\s*:\s*"([A-Z_]+)"/)
    if (code == '200' && status.find()) {
        if (status.group(1) == wanted) {
            vars.put('parcel_status', wanted)
            vars.put('entry_state', '')
            vars.put('entry_tries', '0')
            return
        }
        if (polls + 1 < 1000) {
            return
        }
    }
    vars.put('parcel_status', 'FAILED')
    AssertionResult.setFailure(true)
    AssertionResult.setFailureMessage("waiting for ${wanted}: got ${code} ${body} after ${polls + 1} polls")
    return
}

throw new IllegalArgumentException("flow.groovy: unknown parameters '${Parameters}'")
