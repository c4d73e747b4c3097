#!/bin/sh
printf 'obs 1\nCONTRACT_FAIL t: broken\n'
exit 1
