#!/bin/sh
# helper-dead.sh PIDFILE: succeeds once the process whose pid is in PIDFILE
# is gone (or a zombie). SIGKILL is asynchronous, so it may take a moment;
# gives up after 5 s.
p=$(cat "$1") || exit 1
i=0
while [ $i -lt 50 ]; do
  s=$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)
  if [ -z "$s" ] || [ "$s" = Z ]; then exit 0; fi
  sleep 0.1
  i=$((i + 1))
done
echo "helper $p is still alive: the process group was not killed"
exit 1
