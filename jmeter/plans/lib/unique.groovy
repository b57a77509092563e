// Gives every sample a fresh value in ${unique} (e.g. for a new username), as a JSR223 PreProcessor
// at the test plan's top, before the signer. Bodies must not call JMeter functions such as __time
// or __counter: the signer reads the body to sign it and JMeter reads it again to send it, and a
// function would give two different texts, so the signature would not match. A variable set here
// reads the same both times.
long count = ((vars.get('unique.count') ?: '0') as long) + 1
vars.put('unique.count', Long.toString(count))
vars.put('unique', Long.toString(System.currentTimeMillis(), 36) + '-' + ctx.getThreadNum() + '-' + count)
