#!/bin/sh
printf 'hello\n'
exit 3
