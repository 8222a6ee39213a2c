metadata description = 'The service as a container app in one Orleans role (settings.role): HTTP ingress on 8080 (public or internal to the environment), health probes, the Orleans silo and gateway ports opened inside the environment when the app hosts silos, durable-mode settings with managed identity, and a replica range with an HTTP-concurrency or a CPU scale rule, plus a rule on the queued work items when given the scaling endpoint.'

import { appSettings, appEnvironment, applicationInsightsSecretName, scalingApiKeySecretName } from 'app-settings.bicep'
import { tagSet } from 'types.bicep'

@description('Azure region of the app.')
param location string

@description('Tags put on the app; must include azd-service-name.')
param tags tagSet

@description('Name of the container app.')
@maxLength(32)
param name string

@description('Resource id of the Container Apps environment.')
param environmentId string

@description('Workload profile to run on; empty for the Consumption plan of a Consumption-only environment.')
param workloadProfileName string

@description('Login server of the container registry.')
param registryServer string

@description('Resource id of the user-assigned identity (pulls the image, reaches storage).')
param identityId string

@description('Image deployed by azd (SERVICE_API_IMAGE_NAME); empty on the first provision, when a placeholder runs until azd deploys the real one.')
param imageName string

@description('Settings the service reads (see app-settings.bicep).')
param settings appSettings

@description('Application Insights component (in this resource group) whose connection string the app gets as a secret; empty for none. Set exactly when settings.applicationInsights is true.')
param applicationInsightsName string

@description('Open the silo and gateway ports to the other apps and replicas of the environment (never outside it).')
param exposeOrleansPorts bool

@description('Public HTTPS ingress (the API); false for ingress reachable inside the environment only (silos: probes and metrics).')
param externalIngress bool

@description('What adds replicas: concurrent HTTP requests (front ends) or CPU use (silos, whose work arrives as grain calls, not HTTP).')
@allowed([
  'http'
  'cpu'
])
param scaleOn string

@description('Average CPU use, in percent of the requested vCPU, above which a replica is added (scaleOn cpu).')
@minValue(10)
@maxValue(95)
param cpuUtilizationPercent int

@description('Fewest replicas; at least one, because reminders (the job watchdog) need a running silo.')
@minValue(1)
@maxValue(30)
param minReplicas int

@description('Most replicas.')
@minValue(1)
@maxValue(30)
param maxReplicas int

@description('Concurrent HTTP requests per replica above which another replica is added (scaleOn http).')
@minValue(1)
param concurrentRequestsPerReplica int

@description('Add the queue rule: replicas follow the work items waiting for a slot (silos, and the combined app).')
param scaleOnQueue bool

@description('Address of GET /api/scaling that the queue rule (KEDA metrics-api) polls: the front end\'s for the silo app, the app\'s own when combined; unused without scaleOnQueue.')
param queueScalingUrl string

@description('Queued work items per replica: the queue rule asks for ceil(queuedItems / this) replicas.')
@minValue(1)
param queuedItemsPerReplica int

@secure()
@description('Key of GET /api/scaling: a secret of the app, read by the service as Scaling__ApiKey where it serves the API and sent by the queue rule.')
param scalingApiKey string

@description('vCPU per replica, as a string because Bicep has no decimals (e.g. "1.0").')
param cpu string

@description('Memory per replica (e.g. "2Gi"); must match the vCPU on the Consumption plan (2 GiB per vCPU).')
param memory string

@description('Image that runs before the first azd deploy; it listens on 8080 and answers "/".')
var placeholderImage = 'mcr.microsoft.com/dotnet/samples:aspnetapp'

@description('The service image has health endpoints; the placeholder only answers "/".')
var hasServiceImage = !empty(imageName)

@description('Paths of the probes.')
var probePaths = {
  live: hasServiceImage ? '/health/live' : '/'
  ready: hasServiceImage ? '/health/ready' : '/'
}

@description('Silo and gateway ports, reachable from inside the environment only.')
var orleansPortMappings = exposeOrleansPorts
  ? [
      {
        external: false
        targetPort: settings.siloPort
        exposedPort: settings.siloPort
      }
      {
        external: false
        targetPort: settings.gatewayPort
        exposedPort: settings.gatewayPort
      }
    ]
  : []

@description('The queue rule: KEDA\'s metrics-api scaler reads queuedItems from GET /api/scaling (AverageValue: ceil(queuedItems / targetValue) replicas), sending the scaling key in the X-Api-Key header.')
var queueRules = !scaleOnQueue
  ? []
  : [
      {
        name: 'queued-items'
        custom: {
          type: 'metrics-api'
          metadata: {
            url: queueScalingUrl
            format: 'json'
            valueLocation: 'queuedItems'
            targetValue: string(queuedItemsPerReplica)
            authMode: 'apiKey'
            method: 'header'
            keyParamName: 'X-Api-Key'
          }
          auth: [
            {
              secretRef: scalingApiKeySecretName
              triggerParameter: 'apiKey'
            }
          ]
        }
      }
    ]

@description('The load rule: HTTP concurrency for front ends; for silos the KEDA cpu scaler on average utilization.')
var loadRules = scaleOn == 'http'
  ? [
      {
        name: 'http-requests'
        http: {
          metadata: {
            concurrentRequests: string(concurrentRequestsPerReplica)
          }
        }
      }
    ]
  : [
      {
        name: 'cpu-utilization'
        custom: {
          type: 'cpu'
          metadata: {
            type: 'Utilization'
            value: string(cpuUtilizationPercent)
          }
        }
      }
    ]

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = if (!empty(applicationInsightsName)) {
  name: applicationInsightsName
}

@description('Secrets of the app: the scaling key, and the Application Insights connection string when there is a component, read from it here so that it never passes through a parameter or an output.')
var secrets = concat(
  [
    {
      name: scalingApiKeySecretName
      value: scalingApiKey
    }
  ],
  empty(applicationInsightsName)
    ? []
    : [
        {
          name: applicationInsightsSecretName
          value: applicationInsights!.properties.ConnectionString
        }
      ]
)

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: empty(workloadProfileName) ? null : workloadProfileName
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: externalIngress
        targetPort: settings.httpPort
        transport: 'http'
        allowInsecure: false
        additionalPortMappings: orleansPortMappings
      }
      registries: [
        {
          server: registryServer
          identity: identityId
        }
      ]
      secrets: secrets
    }
    template: {
      containers: [
        {
          name: settings.role == 'Silo' ? 'silo' : 'api'
          image: hasServiceImage ? imageName : placeholderImage
          env: appEnvironment(settings)
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: probePaths.live
                port: settings.httpPort
              }
              periodSeconds: 5
              failureThreshold: 30
            }
            {
              type: 'Liveness'
              httpGet: {
                path: probePaths.live
                port: settings.httpPort
              }
              periodSeconds: 10
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: probePaths.ready
                port: settings.httpPort
              }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        // Container Apps adds replicas for whichever rule asks for more.
        rules: concat(loadRules, queueRules)
      }
      terminationGracePeriodSeconds: 60
    }
  }
}

@description('Name of the container app.')
output name string = app.name

@description('HTTPS address of the app: public for the API, inside the environment for silos.')
output uri string = 'https://${app.properties.configuration.ingress.fqdn}'
