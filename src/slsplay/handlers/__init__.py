"""Thin Lambda entry points: parse the AWS event, call one service function, shape the answer."""
