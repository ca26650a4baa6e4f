"""ZITnet platform shell: settings, URLs, ASGI entry point and the shell's own apps."""
