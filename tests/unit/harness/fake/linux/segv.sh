#!/bin/sh
echo before
kill -SEGV $$
echo after
