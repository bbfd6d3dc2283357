"""Checking and converting a meetup's uploaded photos and videos, on local files.

``kinds`` tells what a file is by its first bytes; ``images`` makes a photo's variants with
Pillow; ``videos`` probes and transcodes a video with ffmpeg. Nothing here knows about
storage or AWS: the media worker fetches the upload to a directory, calls these, and stores
what they wrote.
"""
