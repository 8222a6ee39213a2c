module example.com/svc

go 1.21

require (
	github.com/gin-gonic/gin v1.6.0
	golang.org/x/text v0.3.5 // indirect
	github.com/old/thing v1.0.0
)

require github.com/docker/docker v20.10.0+incompatible

replace github.com/old/thing => github.com/new/thing v1.2.0
