#!/bin/sh
# A test whose child leaves its session (setsid) and would outlive it: the
# runner must kill it and say so. Its pid goes to $WORK/escapee.pid.
rm -f "$WORK/escapee.pid"
setsid sh -c 'echo $$ > "$WORK/escapee.pid.tmp" && mv "$WORK/escapee.pid.tmp" "$WORK/escapee.pid"; exec sleep 300' \
  </dev/null >/dev/null 2>&1 &
while [ ! -s "$WORK/escapee.pid" ]; do sleep 0.05; done
printf 'obs 1\nCONTRACT_PASS t\n'
