targetScope = 'subscription'

metadata description = 'ParallelAgents on Azure Container Apps in durable mode: one resource group with Log Analytics, Application Insights (optional), a Container Apps environment, a container registry, a storage account (Entra ID only), a user-assigned identity with its roles, and the service: by default a public front-end app (Orleans client) and an internal silo app that form one Orleans cluster, or (topology combined) one app whose replicas each serve the API and host a silo.'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and tags every resource (azd-env-name).')
param environmentName string

@minLength(1)
@description('Azure region of every resource.')
param location string

@description('Object id of the deploying user (AZURE_PRINCIPAL_ID): gets the storage data roles to inspect tables, blobs and queues. Empty to skip.')
param principalId string = ''

@description('Kind of principal behind principalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('split: a front-end app (the API as an Orleans client; public ingress; scales on HTTP concurrency) and a silo app (internal ingress; scales on CPU), sharing the identity and storage. combined: the single app whose replicas each serve the API and host a silo.')
@allowed([
  'split'
  'combined'
])
param topology string = 'split'

@description('Image deployed by azd (SERVICE_API_IMAGE_NAME); empty on the first provision.')
param apiImageName string = ''

@description('Image of the silo app deployed by azd (SERVICE_SILO_IMAGE_NAME); empty on the first provision.')
param siloImageName string = ''

@description('Fewest replicas of the API app (front ends when split, silos too when combined). Two or more keep the service up while one is replaced.')
@minValue(1)
@maxValue(30)
param minReplicas int = 2

@description('Most replicas of the API app.')
@minValue(1)
@maxValue(30)
param maxReplicas int = 4

@description('Fewest silos of the silo app (topology split): two or more, so jobs keep running while one is replaced.')
@minValue(2)
@maxValue(30)
param siloMinReplicas int = 2

@description('Most silos of the silo app (topology split).')
@minValue(2)
@maxValue(30)
param siloMaxReplicas int = 6

@description('Average CPU use of the silos, in percent, above which a silo is added (topology split).')
@minValue(10)
@maxValue(95)
param siloCpuUtilizationPercent int = 70

@description('Queued work items per silo: the silos\' queue rule (KEDA metrics-api on GET /api/scaling) asks for ceil(queued items / this) silos, beside the CPU rule; with topology combined the replicas of the one app.')
@minValue(1)
param queuedItemsPerSilo int = 20

@secure()
@minLength(16)
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 32
      noSpecial: true
    }
  }
})
@description('Key of GET /api/scaling (Scaling:ApiKey), which the queue rule sends: azd generates it on the first provision and keeps it in the environment\'s config (infra.parameters.scalingApiKey). A deployment without azd passes one.')
param scalingApiKey string

@description('Concurrent HTTP requests per replica above which a replica is added.')
@minValue(1)
param concurrentRequestsPerReplica int = 50

@description('vCPU per replica (string: Bicep has no decimals).')
@allowed([
  '0.5'
  '1.0'
  '2.0'
  '4.0'
])
param replicaCpu string = '1.0'

@description('Memory per replica; on the Consumption plan 2 GiB per vCPU.')
@allowed([
  '1Gi'
  '2Gi'
  '4Gi'
  '8Gi'
])
param replicaMemory string = '2Gi'

@description('Empty for a Consumption-only environment; a type such as D4 runs the app on a Dedicated workload profile instead.')
@allowed([
  ''
  'D4'
  'D8'
  'D16'
  'D32'
  'E4'
  'E8'
  'E16'
  'E32'
])
param dedicatedWorkloadProfileType string = ''

@description('Open the Orleans silo and gateway ports inside the environment (additionalPortMappings, external: false).')
param exposeOrleansPorts bool = true

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param storageSku string = 'Standard_LRS'

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Create an Application Insights component (its data in the Log Analytics workspace) and give the app its connection string, so the service exports traces, metrics and logs to it. False for neither.')
param enableApplicationInsights bool = true

@description('Enable the test command, which runs code from the submitted workspace.')
param enableTestCommand bool = false

@description('Microsoft Entra ID authority for JWT bearer authentication, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0. Empty leaves Entra ID off.')
param entraAuthority string = ''

@description('Audience the Entra ID tokens must carry (application id URI or client id of the API app registration).')
param entraAudience string = ''

@description('Hex SHA-256 of an API key (not the key): gives the key holder the jobs:submit, jobs:read and admin scopes. Empty for none.')
param apiKeySha256 string = ''

@description('Run with no authentication at all. The service refuses to start on a public address without keys or Entra ID unless this is true.')
param allowAnonymous bool = false

@description('Name of an existing Azure OpenAI account for model-backed agents; the app identity gets the Cognitive Services OpenAI User role on it. Empty leaves models unconfigured.')
param azureOpenAiAccountName string = ''

@description('Resource group of that account; empty for the group this deployment creates.')
param azureOpenAiResourceGroup string = ''

@description('Deployment on the account that jobs use when they name no model.')
param azureOpenAiDeployment string = ''

@description('Requests per minute the deployment allows (its quota); 0 for no cluster-wide request limit.')
@minValue(0)
param azureOpenAiRequestsPerMinute int = 0

@description('Tokens per minute the deployment allows (its quota); 0 for no cluster-wide token limit.')
@minValue(0)
param azureOpenAiTokensPerMinute int = 0

@description('Orleans service id: keep it across deployments so stored jobs stay readable.')
param orleansServiceId string = 'parallel-agents'

@description('Unique, stable suffix for globally unique names.')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))

@description('Tags on every resource.')
var tags = {
  'azd-env-name': environmentName
}

@description('Resource names, known before deployment so that What-If can predict the role assignments.')
var names = {
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  environment: 'cae-${resourceToken}'
  registry: 'cr${resourceToken}'
  storage: 'st${resourceToken}'
  identity: 'id-api-${resourceToken}'
  api: 'ca-api-${resourceToken}'
  silo: 'ca-silo-${resourceToken}'
}

@description('True for the front-end app plus the silo app.')
var split = topology == 'split'

@description('Ports of the service inside the container.')
var ports = {
  http: 8080
  silo: 11111
  gateway: 30000
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module environment 'modules/environment.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: names.logAnalytics
    environmentName: names.environment
    logRetentionDays: logRetentionDays
    dedicatedWorkloadProfileType: dedicatedWorkloadProfileType
    dedicatedWorkloadProfileMaxCount: split ? maxReplicas + siloMaxReplicas : maxReplicas
  }
}

module monitoring 'modules/monitoring.bicep' = if (enableApplicationInsights) {
  scope: rg
  dependsOn: [
    environment
  ]
  params: {
    location: location
    tags: tags
    name: names.applicationInsights
    logAnalyticsName: names.logAnalytics
  }
}

module registry 'modules/registry.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    name: names.registry
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    name: names.storage
    skuName: storageSku
  }
}

module identity 'modules/identity.bicep' = {
  scope: rg
  dependsOn: [
    storage
    registry
  ]
  params: {
    location: location
    tags: tags
    name: names.identity
    storageAccountName: names.storage
    registryName: names.registry
    principalId: principalId
    principalType: principalType
  }
}

module openAi 'modules/openai-access.bicep' = if (!empty(azureOpenAiAccountName)) {
  scope: resourceGroup(empty(azureOpenAiResourceGroup) ? rg.name : azureOpenAiResourceGroup)
  params: {
    accountName: azureOpenAiAccountName
    identityResourceId: resourceId(subscription().subscriptionId, rg.name, 'Microsoft.ManagedIdentity/userAssignedIdentities', names.identity)
    principalId: identity.outputs.principalId
  }
}

@description('GET /api/scaling on the app that serves the API. Split: the front end\'s address, an output of its app. Combined: the app reads its own, which it cannot reference, so the address is put together as Container Apps names it, <app>.<defaultDomain>.')
var scalingPath = '/api/scaling'

@description('Settings every app of the service gets; each app adds its Orleans role.')
var sharedSettings = {
  httpPort: ports.http
  tableServiceUri: storage.outputs.tableEndpoint
  blobServiceUri: storage.outputs.blobEndpoint
  queueServiceUri: storage.outputs.queueEndpoint
  managedIdentityClientId: identity.outputs.clientId
  clusterId: environmentName
  serviceId: orleansServiceId
  siloPort: ports.silo
  gatewayPort: ports.gateway
  enableTestCommand: enableTestCommand
  entraAuthority: entraAuthority
  entraAudience: entraAudience
  apiKeySha256: apiKeySha256
  allowAnonymous: allowAnonymous
  modelEndpoint: openAi.?outputs.endpoint ?? ''
  modelDeployment: azureOpenAiDeployment
  modelRequestsPerMinute: azureOpenAiRequestsPerMinute
  modelTokensPerMinute: azureOpenAiTokensPerMinute
  applicationInsights: enableApplicationInsights
}

module api 'modules/container-app.bicep' = {
  scope: rg
  // The app reads the connection string from the component, which must exist by then.
  dependsOn: [
    monitoring
  ]
  params: {
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    name: names.api
    environmentId: environment.outputs.id
    workloadProfileName: environment.outputs.appWorkloadProfileName
    registryServer: registry.outputs.loginServer
    identityId: identity.outputs.id
    imageName: apiImageName
    // A front end in the Client role dials out to the gateways and takes no silo traffic.
    exposeOrleansPorts: split ? false : exposeOrleansPorts
    externalIngress: true
    scaleOn: 'http'
    cpuUtilizationPercent: siloCpuUtilizationPercent
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    concurrentRequestsPerReplica: concurrentRequestsPerReplica
    // Front ends take no work; the combined app's replicas are its silos and follow the queue too.
    scaleOnQueue: !split
    queueScalingUrl: split ? '' : 'https://${names.api}.${environment.outputs.defaultDomain}${scalingPath}'
    queuedItemsPerReplica: queuedItemsPerSilo
    scalingApiKey: scalingApiKey
    cpu: replicaCpu
    memory: replicaMemory
    applicationInsightsName: enableApplicationInsights ? names.applicationInsights : ''
    settings: union(sharedSettings, { role: split ? 'Client' : 'Combined' })
  }
}

module silo 'modules/container-app.bicep' = if (split) {
  scope: rg
  dependsOn: [
    monitoring
  ]
  params: {
    location: location
    tags: union(tags, { 'azd-service-name': 'silo' })
    name: names.silo
    environmentId: environment.outputs.id
    workloadProfileName: environment.outputs.appWorkloadProfileName
    registryServer: registry.outputs.loginServer
    identityId: identity.outputs.id
    imageName: siloImageName
    // Silos reach each other, and front ends reach their gateways, on these ports inside the environment.
    exposeOrleansPorts: true
    externalIngress: false
    scaleOn: 'cpu'
    cpuUtilizationPercent: siloCpuUtilizationPercent
    minReplicas: siloMinReplicas
    maxReplicas: siloMaxReplicas
    concurrentRequestsPerReplica: concurrentRequestsPerReplica
    // The silos serve no API: their rule reads the signal from the front ends.
    scaleOnQueue: true
    queueScalingUrl: '${api.outputs.uri}${scalingPath}'
    queuedItemsPerReplica: queuedItemsPerSilo
    scalingApiKey: scalingApiKey
    cpu: replicaCpu
    memory: replicaMemory
    applicationInsightsName: enableApplicationInsights ? names.applicationInsights : ''
    settings: union(sharedSettings, { role: 'Silo' })
  }
}

@description('Region of the deployment.')
output AZURE_LOCATION string = location

@description('Tenant of the subscription.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group holding everything.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Registry azd pushes the image to.')
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer

@description('Name of the registry.')
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name

@description('Name of the Container Apps environment.')
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = environment.outputs.name

@description('Name of the Log Analytics workspace.')
output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = environment.outputs.logAnalyticsName

@description('Name of the Application Insights component; empty when it is turned off. Its connection string is not an output: it would land in the azd environment file.')
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.?outputs.name ?? ''

@description('Name of the storage account.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Client id of the app identity.')
output AZURE_API_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('Name of the container app.')
output SERVICE_API_NAME string = api.outputs.name

@description('Name of the silo app (topology split); empty when combined.')
output SERVICE_SILO_NAME string = silo.?outputs.name ?? ''

@description('Where azd deploys the silo service: the silo app when split, the one app when combined (the same image, so the API app simply gets it again).')
output SERVICE_SILO_RESOURCE_NAME string = silo.?outputs.name ?? api.outputs.name

@description('The topology deployed: split or combined.')
output PARALLEL_AGENTS_TOPOLOGY string = topology

@description('Public address of the service.')
output SERVICE_API_URI string = api.outputs.uri

@description('Storage:TableServiceUri, for running the service locally against the deployed account.')
output STORAGE__TABLESERVICEURI string = storage.outputs.tableEndpoint

@description('Storage:BlobServiceUri, for running the service locally against the deployed account.')
output STORAGE__BLOBSERVICEURI string = storage.outputs.blobEndpoint

@description('Storage:QueueServiceUri, for running the service locally against the deployed account.')
output STORAGE__QUEUESERVICEURI string = storage.outputs.queueEndpoint
