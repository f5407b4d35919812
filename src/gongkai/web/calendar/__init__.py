"""The working-day calendar table (holidays and 调休 makeup days) behind every statutory deadline.

App label ``workcalendar`` (``calendar`` would clash with the standard library module's name).
"""
