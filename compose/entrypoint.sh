#!/bin/sh
# Entry point of the batpak streams-app image.
#
# compose/app.properties is shared by every app instance and mounted read-only at
# /etc/batpak/shared.properties. Only application.server (the host:port the other instances use
# to reach this one) must differ per instance, so this writes /etc/batpak/app.properties with that
# line taken from $BATPAK_APPLICATION_SERVER, then runs the command (by default
# `java -jar batpak.jar serve --config /etc/batpak/app.properties`).
set -eu

shared=/etc/batpak/shared.properties
config=/etc/batpak/app.properties

if [ -f "$shared" ]; then
    if [ -n "${BATPAK_APPLICATION_SERVER:-}" ]; then
        grep -v '^[[:space:]]*application\.server[[:space:]]*[=:]' "$shared" > "$config"
        printf 'application.server=%s\n' "$BATPAK_APPLICATION_SERVER" >> "$config"
    else
        cp "$shared" "$config"
    fi
fi

exec "$@"
