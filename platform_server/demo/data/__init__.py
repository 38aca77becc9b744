"""The demo stories as data (JSON): read by platform_server.demo.scenarios."""
