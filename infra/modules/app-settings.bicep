metadata description = 'The environment variables the container app passes to the service. Every name here must be a key the service reads (src/ParallelAgents.Engine/Hosting/ConfigurationKeys.cs, with "__" for ":"); tests/ParallelAgents.Deploy.Tests checks it.'

@export()
@description('One environment variable of the container: a plain value or a reference to a Container Apps secret, never both.')
type environmentVariable = {
  @description('Variable name; "__" separates configuration sections.')
  name: string

  @description('Variable value, for a setting that is not sensitive.')
  value: string?

  @description('Name of the container app secret that holds the value, for a sensitive setting.')
  secretRef: string?
}

@export()
@description('Name of the container app secret that holds the Application Insights connection string (it carries the instrumentation key).')
var applicationInsightsSecretName = 'applicationinsights-connection-string'

@export()
@description('Name of the container app secret that holds the key of GET /api/scaling: the front end reads it as Scaling__ApiKey, the silos\' queue scale rule sends it.')
var scalingApiKeySecretName = 'scaling-api-key'

@export()
@description('What the deployment knows and the service needs to run in durable mode with managed identity.')
type appSettings = {
  @description('HTTP port the service listens on inside the container.')
  httpPort: int

  @description('Orleans role of the app: Combined (API and silo), Client (API only, an Orleans client of the silos) or Silo (no public API).')
  role: ('Combined' | 'Client' | 'Silo')

  @description('Table service endpoint of the storage account.')
  tableServiceUri: string

  @description('Blob service endpoint of the storage account.')
  blobServiceUri: string

  @description('Queue service endpoint of the storage account.')
  queueServiceUri: string

  @description('Client id of the user-assigned identity DefaultAzureCredential must use.')
  managedIdentityClientId: string

  @description('Orleans cluster id: silos with the same id form one cluster.')
  clusterId: string

  @description('Orleans service id: stays the same across deployments so stored state stays readable.')
  serviceId: string

  @description('Silo-to-silo port.')
  siloPort: int

  @description('Gateway port.')
  gatewayPort: int

  @description('Whether the test command (runs code from the workspace) is enabled.')
  enableTestCommand: bool

  @description('Microsoft Entra ID authority, e.g. https://login.microsoftonline.com/<tenant>/v2.0; empty to leave Entra ID off.')
  entraAuthority: string

  @description('Audience (application id URI or client id) tokens must carry; used with the authority.')
  entraAudience: string

  @description('Hex SHA-256 of an API key the deployer holds; empty for none.')
  apiKeySha256: string

  @description('Let the service run without any authentication (not advised on a public endpoint).')
  allowAnonymous: bool

  @description('Endpoint of the Azure OpenAI account model-backed agents call with the identity; empty for no model provider.')
  modelEndpoint: string

  @description('Deployment used when a job names no model.')
  modelDeployment: string

  @description('Requests per minute of the deployment; 0 for no limit.')
  modelRequestsPerMinute: int

  @description('Tokens per minute of the deployment; 0 for no limit.')
  modelTokensPerMinute: int

  @description('Whether the service exports telemetry to Application Insights: it then gets the connection string from the container app secret applicationInsightsSecretName.')
  applicationInsights: bool
}

@export()
@description('The environment variables for the service, built from the settings.')
func appEnvironment(settings appSettings) environmentVariable[] =>
  flatten([
    [
      {
        name: 'ASPNETCORE_HTTP_PORTS'
        value: string(settings.httpPort)
      }
      {
        name: 'Orleans__Role'
        value: settings.role
      }
      {
        name: 'Storage__Provider'
        value: 'AzureStorage'
      }
      {
        name: 'Storage__TableServiceUri'
        value: settings.tableServiceUri
      }
      {
        name: 'Storage__BlobServiceUri'
        value: settings.blobServiceUri
      }
      {
        name: 'Storage__QueueServiceUri'
        value: settings.queueServiceUri
      }
      {
        name: 'AZURE_CLIENT_ID'
        value: settings.managedIdentityClientId
      }
      {
        name: 'Orleans__ClusterId'
        value: settings.clusterId
      }
      {
        name: 'Orleans__ServiceId'
        value: settings.serviceId
      }
      {
        name: 'Orleans__SiloPort'
        value: string(settings.siloPort)
      }
      {
        name: 'Orleans__GatewayPort'
        value: string(settings.gatewayPort)
      }
      {
        name: 'Commands__Test__Enabled'
        value: settings.enableTestCommand ? 'true' : 'false'
      }
      {
        name: 'Auth__AllowAnonymous'
        value: settings.allowAnonymous ? 'true' : 'false'
      }
    ]
    empty(settings.entraAuthority)
      ? []
      : [
          {
            name: 'Auth__Entra__Authority'
            value: settings.entraAuthority
          }
          {
            name: 'Auth__Entra__Audience'
            value: settings.entraAudience
          }
        ]
    empty(settings.modelEndpoint)
      ? []
      : [
          {
            name: 'Models__Default'
            value: 'azure'
          }
          {
            name: 'Models__Providers__azure__Kind'
            value: 'AzureOpenAI'
          }
          {
            name: 'Models__Providers__azure__Endpoint'
            value: settings.modelEndpoint
          }
          {
            name: 'Models__Providers__azure__Model'
            value: settings.modelDeployment
          }
        ]
    empty(settings.modelEndpoint) || settings.modelRequestsPerMinute == 0
      ? []
      : [
          {
            name: 'Models__Providers__azure__RequestsPerMinute'
            value: string(settings.modelRequestsPerMinute)
          }
        ]
    empty(settings.modelEndpoint) || settings.modelTokensPerMinute == 0
      ? []
      : [
          {
            name: 'Models__Providers__azure__TokensPerMinute'
            value: string(settings.modelTokensPerMinute)
          }
        ]
    !settings.applicationInsights
      ? []
      : [
          {
            name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
            secretRef: applicationInsightsSecretName
          }
        ]
    // The role that serves the API answers the scale rule; a silo alone serves no API.
    settings.role == 'Silo'
      ? []
      : [
          {
            name: 'Scaling__ApiKey'
            secretRef: scalingApiKeySecretName
          }
        ]
    empty(settings.apiKeySha256)
      ? []
      : [
          {
            name: 'Auth__ApiKeys__0__Name'
            value: 'deployer'
          }
          {
            name: 'Auth__ApiKeys__0__Sha256'
            value: settings.apiKeySha256
          }
          {
            name: 'Auth__ApiKeys__0__Scopes__0'
            value: 'jobs:submit'
          }
          {
            name: 'Auth__ApiKeys__0__Scopes__1'
            value: 'jobs:read'
          }
          {
            name: 'Auth__ApiKeys__0__Scopes__2'
            value: 'admin'
          }
        ]
  ])
