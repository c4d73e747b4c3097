#!/bin/sh
printf 'obs 1\nCONTRACT_PASS t\n'
