from coe_site.formats.house import *  # noqa: F403 -- one house style
