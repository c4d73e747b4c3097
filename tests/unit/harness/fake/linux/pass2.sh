#!/bin/sh
printf "obs 2\nCONTRACT_PASS t\n"
